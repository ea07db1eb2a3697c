package org.openpaypro.channel;

import java.time.Instant;

/** A payout handed to a rail: its reference there and when to first poll for the outcome (null: never). */
public record PayoutSubmission(String channelRef, Instant firstPoll) {
}
