package uk.vruhub.aggregator.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Strict headers on every answer, the dashboard's pages and the API's tables alike: the pages load
 * scripts, styles and data only from the hub itself (no inline script, no CDN: every library is a
 * vendored webjar), cannot be framed, do not send their address on to another site, and are never
 * sniffed as another type; an answer over HTTPS also tells the browser to use only HTTPS for the
 * hub for a year (HSTS; not over plain HTTP, where a browser ignores it). Set before the chain
 * runs, so errors carry them too.
 */
@Component
public class SecurityHeadersFilter extends OncePerRequestFilter {

  /**
   * {@code img-src data:} because Leaflet's stylesheet draws a few controls from data URIs; nothing
   * else is allowed beyond the hub's own origin.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** Sent on HTTPS answers only: a year, the usual floor for HSTS. */
  public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
    chain.doFilter(request, response);
  }
}
