package io.shadowgate.replay;

/**
 * A whole final response as {@link ResponseDecoder} hands it to {@link ResponseHandler}.
 *
 * @param head its head
 * @param body its body, or null when bodies are not kept
 */
record DecodedResponse(ResponseHead head, byte[] body) {
}
