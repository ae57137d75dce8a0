package io.shadowgate.cli;

/** Input data the run cannot use (exit 65); the message names the file and the place. */
final class BadInputException extends Exception {

    BadInputException(String message) {
        super(message);
    }
}
