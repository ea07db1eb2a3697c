package org.openpaypro.merchant;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated change of a merchant's settings ({@code PATCH /admin/v1/merchants/{no}}); a null component stays as
 * it is. Fee rates are in parts per million, fixed fees in scale-4 units. Immutable.
 */
public record MerchantSettings(Merchant.Status status, String notifyUrl, Long payinFeeRatePpm, Long payinFeeFixedUnits,
                               Long payoutFeeRatePpm, Long payoutFeeFixedUnits,
                               Merchant.SignatureScheme signatureScheme) {

    public boolean isEmpty() {
        return status == null && notifyUrl == null && payinFeeRatePpm == null && payinFeeFixedUnits == null
                && payoutFeeRatePpm == null && payoutFeeFixedUnits == null && signatureScheme == null;
    }

    public Merchant applyTo(Merchant m) {
        FeePlan payin = new FeePlan(or(payinFeeRatePpm, m.payinFee().ratePpm()),
                or(payinFeeFixedUnits, m.payinFee().fixedUnits()));
        FeePlan payout = new FeePlan(or(payoutFeeRatePpm, m.payoutFee().ratePpm()),
                or(payoutFeeFixedUnits, m.payoutFee().fixedUnits()));
        Merchant.Builder changed = m.toBuilder().payinFee(payin).payoutFee(payout);
        if (notifyUrl != null) {
            changed.notifyUrl(notifyUrl);
        }
        if (status != null) {
            changed.status(status);
        }
        if (signatureScheme != null) {
            changed.signatureScheme(signatureScheme);
        }
        return changed.build();
    }

    private static long or(Long value, long current) {
        return value != null ? value : current;
    }

    /** What changed, for the audit trail (settings hold no secrets). */
    public String summary() {
        List<String> parts = new ArrayList<>();
        add(parts, "status", status);
        add(parts, "notifyUrl", notifyUrl);
        add(parts, "payinFeeRatePpm", payinFeeRatePpm);
        add(parts, "payinFeeFixedUnits", payinFeeFixedUnits);
        add(parts, "payoutFeeRatePpm", payoutFeeRatePpm);
        add(parts, "payoutFeeFixedUnits", payoutFeeFixedUnits);
        add(parts, "signatureScheme", signatureScheme);
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
