package org.openpaypro.bench;

/** A merchant the driver created: its position in the run, its number and its secret. Immutable. */
record BenchMerchant(int index, String merchantNo, String secret) {
}
