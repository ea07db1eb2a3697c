package org.openpaypro.web;

/** One link of an area's navigation bar; {@code current} marks the page shown ({@code aria-current}). Immutable. */
public record NavLink(String name, String href, boolean current) {
}
