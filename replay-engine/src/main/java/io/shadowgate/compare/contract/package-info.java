/**
 * Contract check: learn each endpoint's response schema (JSON paths and types, status codes,
 * content types) from baseline and candidate responses and list the changes that would break
 * a client.
 */
package io.shadowgate.compare.contract;
