package org.openpaypro.fakes.mpesa;

/**
 * What the fake does to the next request on a path instead of answering normally: a 500 before processing, a hang
 * before processing (the request never took effect), or processing followed by a hang (it took effect but the
 * caller never hears so: the "timeout after the request left" case). A hang lasts until the fake stops or
 * {@link FakeDaraja#releaseHangs()}.
 */
public enum Fault {
    SERVER_ERROR, HANG, PROCESS_THEN_HANG
}
