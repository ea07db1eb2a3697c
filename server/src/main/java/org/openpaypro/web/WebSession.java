package org.openpaypro.web;

import java.time.Instant;

/**
 * One signed-in browser: the area, whose it is ({@code subjectId} is a {@code merchant_user.id} in the portal, an
 * {@code operator.id} in the console) and the CSRF token its forms must carry. The cookie value itself is never
 * kept here. Immutable.
 */
public record WebSession(Area area, long subjectId, String csrfToken, Instant createdAt) {
}
