package uk.vruhub.registry.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP basic authentication as Confluent's registry does it: every request names a user of {@link
 * RegistryUsers} ({@code 401} with {@code WWW-Authenticate: Basic} otherwise), and only users with
 * the {@code write} role may register a schema or change a compatibility level ({@code 403}
 * otherwise). Looking a schema up ({@code POST /subjects/{subject}}) and testing compatibility are
 * reads: a serializer that does not auto-register does both. The health endpoint answers without
 * credentials, so orchestrators can probe it; it tells only whether the store is reachable.
 */
public final class BasicAuthFilter extends OncePerRequestFilter {

  private static final String JSON = "application/vnd.schemaregistry.v1+json";

  /** Registering a schema: the one POST that changes the registry. */
  private static final Pattern REGISTER = Pattern.compile("^/subjects/[^/]+/versions/?$");

  private final RegistryUsers users;

  public BasicAuthFilter(RegistryUsers users) {
    this.users = java.util.Objects.requireNonNull(users, "users");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (isHealth(request.getMethod(), path)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<RegistryUsers.User> user = authenticate(request.getHeader("Authorization"));
    if (user.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"schema-registry\", charset=\"UTF-8\"");
      refuse(
          response,
          401,
          "Unauthorized: this registry needs HTTP basic credentials of one of its users"
              + " (basic.auth.user.info=user:password)");
      return;
    }
    if (isWrite(request.getMethod(), path) && user.get().role() != RegistryUsers.Role.WRITE) {
      refuse(
          response,
          403,
          "Forbidden: user "
              + user.get().name()
              + " may read this registry but not register schemas or change its configuration");
      return;
    }
    chain.doFilter(request, response);
  }

  private Optional<RegistryUsers.User> authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  static boolean isHealth(String method, String path) {
    return ("GET".equals(method) || "HEAD".equals(method))
        && (path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
  }

  static boolean isWrite(String method, String path) {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS" -> false;
      case "POST" -> REGISTER.matcher(path).matches();
      default -> true;
    };
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(JSON);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"error_code\":" + status + ",\"message\":\"" + message + "\"}");
  }
}
