package org.porophase.core;

/**
 * A parameter value that is valid by its declaration (type, range in plugin.yml) but that the input
 * cannot honour: a threshold outside the image's gray values, a pore label the volume does not contain.
 * The request itself is wrong, not the file, so a front end treats it as bad usage (exit code 2) when
 * it is why nothing was analysed. The message names the value, the data's range and the fix.
 */
public class InvalidValueException extends PoroPhaseException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
