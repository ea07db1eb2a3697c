package org.openpaypro.error;

/** A merchant request refused for a catalogued reason; turned into the envelope in one place ({@link Http}). */
public final class ApiException extends RuntimeException {
    private final Rejection rejection;

    ApiException(Rejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
