package org.openpaypro.error;

/**
 * An operator API call refused for a catalogued reason ({@link AdminError}): answered as {@code {"error": message}}
 * with the reason's 4xx status, in one place ({@code Http}).
 */
public final class AdminException extends RuntimeException {
    private final AdminError error;

    AdminException(AdminError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public AdminError error() {
        return error;
    }

    public int status() {
        return error.status();
    }
}
