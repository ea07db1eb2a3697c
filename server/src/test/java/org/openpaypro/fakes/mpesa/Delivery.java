package org.openpaypro.fakes.mpesa;

/** How the fake delivers the callbacks of one kind (STK, B2C result, status result): normally, not at all, twice. */
public enum Delivery {
    NORMAL, DROP, TWICE
}
