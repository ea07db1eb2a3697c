package org.openpaypro.merchant;

/** A validated request to create a merchant. Immutable. */
public record NewMerchant(String name, String country, String currency, String notifyUrl, FeePlan payinFee,
                          FeePlan payoutFee) {
}
