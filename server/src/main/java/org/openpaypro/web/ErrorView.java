package org.openpaypro.web;

/** The error page's text: a heading, what happened and what to do, and where to go next. Immutable. */
public record ErrorView(int status, String message, String nextHref, String nextLabel) {
}
