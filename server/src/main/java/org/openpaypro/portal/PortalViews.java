package org.openpaypro.portal;

/**
 * The view records the portal's templates read (public, since the precompiled templates live in jte's own
 * package). Routes build them from services; they hold text and numbers ready to show. Immutable.
 */
public final class PortalViews {
    private PortalViews() {
    }

    /** The login form's state: the email to keep, and whether the code field is required now. */
    public record LoginView(String email, boolean askCode) {
    }

    /** The TOTP page: whether it is on, and the secret being enrolled (only in the answer that creates it). */
    public record TotpView(boolean enabled, boolean required, String secret, String otpauthUri) {
    }

    /** The home page: the merchant, its balances, the key when just revealed or rotated, the 30-day chart. */
    public record HomeView(String merchantNo, String merchantName, String country, String currency,
                           String available, String frozen, String unsettled, boolean canDevelop,
                           String revealedKey, String keyNote, Chart chart) {
    }

    /**
     * A server-drawn SVG bar chart (no script): one pair of bars per day (pay-in and payout volume) and a line for
     * the success rate; every coordinate is computed by {@code ChartDrawing}, the template only places them.
     */
    public record Chart(int width, int height, java.util.List<Bar> bars, String ratePoints,
                        java.util.List<Tick> ticks, String summary) {
    }

    /** One bar: its place, and the text a screen reader or a hover shows. */
    public record Bar(String cssClass, int x, int y, int width, int height, String title) {
    }

    /** An axis label. */
    public record Tick(int x, int y, String text) {
    }

    /** The Developers page: settings, the API addresses of the merchant's country, the signature test box. */
    public record DevelopersView(String merchantNo, boolean canChange, String notifyUrl, String allowlist,
                                 java.util.List<ApiAddress> addresses, String signatureScheme, String testedBody,
                                 String canonical, boolean sandbox) {
    }

    /** One merchant endpoint: what it does and its full URL. */
    public record ApiAddress(String operation, String url) {
    }

    /** The Team page: the users of the merchant, and a temporary password just created (shown once). */
    public record TeamView(boolean owner, java.util.List<Member> members, String invitedEmail,
                           String temporaryPassword, String yourEmail) {
    }

    /** One user of the merchant. */
    public record Member(String email, String role, boolean totp, boolean mustChangePassword) {
    }
}
