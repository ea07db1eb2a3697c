package org.openpaypro.channel.mpesa;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table from Daraja's result codes to our outcomes (RAILS.md §2, Daraja's result-code pages): for an STK
 * push, 0 is success, the listed codes are final failures with the message the merchant sees, and every other code
 * (4999 "still under processing", codes we have never seen) is <em>not</em> final: the trade stays processing
 * rather than fail on a guess. For a B2C payout the final state comes from a Transaction Status answer's
 * {@code TransactionStatus}. Stateless.
 */
final class DarajaResults {
    /** STK push result codes that end a pay-in as failed, with what the merchant is told. */
    static final Map<String, String> STK_FAILURES = Map.of(
            "1", "the payer's M-Pesa balance is insufficient",
            "1001", "the payer's phone is busy with another M-Pesa transaction",
            "1019", "the payment prompt expired before the payer answered",
            "1025", "M-Pesa could not send the payment prompt to the payer's phone",
            "1032", "the payer cancelled",
            "1037", "no answer from the payer's phone (off, out of coverage or ignored)",
            "2001", "the payer entered a wrong M-Pesa PIN",
            "9999", "M-Pesa could not send the payment prompt to the payer's phone");

    /** Transaction Status values that end a payout as failed; "Completed" is success; anything else is pending. */
    static final Set<String> PAYOUT_FAILURES = Set.of("Declined", "Failed", "Cancelled", "Expired");

    /** The Daraja B2C error meaning "this OriginatorConversationID was already submitted". */
    static final String DUPLICATE_ORIGINATOR = "500.002.1001";

    private DarajaResults() {
    }

    /** The failure message of a final STK result code; empty for success and for codes that are not final. */
    static Optional<String> stkFailure(String resultCode) {
        return Optional.ofNullable(STK_FAILURES.get(resultCode));
    }

    static String payoutFailure(String transactionStatus) {
        return "M-Pesa reports the payout as " + transactionStatus.toLowerCase(java.util.Locale.ROOT);
    }
}
