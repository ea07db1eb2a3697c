package org.openpaypro.trade;

/** Which way the money goes: collected from a payer, or sent to a beneficiary. */
public enum Direction { PAYIN, PAYOUT }
