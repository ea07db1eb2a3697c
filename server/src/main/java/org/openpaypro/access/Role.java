package org.openpaypro.access;

/** Operator roles (DESIGN §14), from the most to the least powerful. */
public enum Role {
    OWNER, ADMIN, FINANCE, SUPPORT
}
