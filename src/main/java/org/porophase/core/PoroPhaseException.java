package org.porophase.core;

/**
 * The one exception type PoroPhase throws for bad input or impossible requests.
 * <p>
 * Its message is written for the user: it says what is wrong, with which file or parameter,
 * and what to do about it (e.g. "pass --pixel-size"). Front ends print the message as it is,
 * without a stack trace.
 */
public class PoroPhaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PoroPhaseException(String message) {
        super(message);
    }

    public PoroPhaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
