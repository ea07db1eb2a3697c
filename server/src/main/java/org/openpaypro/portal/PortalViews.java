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

    /** The Trades page: the filter as typed, one page of rows, the link to the next page and to the export. */
    public record TradesView(java.util.Map<String, String> filter, java.util.List<TradeLine> rows, String olderHref,
                             String exportHref, String problem) {
        public String value(String name) {
            return filter.getOrDefault(name, "");
        }

        public boolean selected(String name, String option) {
            return option.equals(filter.get(name));
        }
    }

    /** One trade in the list, ready to show. */
    public record TradeLine(String platformTradeNo, String tradeNo, String direction, String amount, String fee,
                            String status, String statusCode, String createdAt) {
    }

    /** A trade's detail page. */
    public record TradeDetailView(TradeLine trade, String message, String channel, String notifyUrl,
                                  java.util.List<Moment> timeline, java.util.List<Attempt> callbacks,
                                  boolean canResend, boolean finished) {
    }

    /** One line of the timeline. */
    public record Moment(String at, String what) {
    }

    /** One callback attempt with the merchant server's answer. */
    public record Attempt(int attempt, String at, String url, String httpStatus, String outcome, String answer,
                          int latencyMs) {
    }

    /** The Settlement page: per day, what became available and the fees. */
    public record SettlementView(java.util.List<SettlementLine> days, String sinceText) {
    }

    /** One settled day. */
    public record SettlementLine(String day, long trades, String available, String fees) {
    }
}
