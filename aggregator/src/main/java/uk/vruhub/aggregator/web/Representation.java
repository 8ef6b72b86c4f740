package uk.vruhub.aggregator.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * How the analyst API writes a table: JSON, or CSV for Power BI. Chosen by {@code format} when
 * given, else by the Accept header.
 *
 * <p>An unknown {@code format} is a 400, a mistake in the request like any other parameter; an
 * Accept header that allows neither type is a 406, HTTP's answer for a representation the server
 * does not have. {@code format} wins over Accept, because Power BI's Web connector and a browser's
 * address bar can set a parameter but not a header.
 */
public enum Representation {
  JSON(MediaType.APPLICATION_JSON),
  CSV(new MediaType("text", "csv", StandardCharsets.UTF_8));

  /** Accept headers longer than this are refused rather than parsed. */
  static final int MAX_ACCEPT_LENGTH = 1024;

  private final MediaType mediaType;

  Representation(MediaType mediaType) {
    this.mediaType = mediaType;
  }

  public MediaType mediaType() {
    return mediaType;
  }

  /** The {@code format} parameter: {@code json} or {@code csv}, in any case. */
  static Representation ofFormat(String format) {
    for (Representation r : values()) {
      if (r.name().equalsIgnoreCase(format)) {
        return r;
      }
    }
    throw ApiProblem.badParameter(
        "format",
        "format must be json or csv (in any case); got "
            + (format.isEmpty() ? "an empty value" : "another value")
            + ". Without format, the Accept header chooses: application/json or text/csv.");
  }

  /**
   * The representation the Accept header prefers: the first, by quality, that one of its media
   * ranges includes and none refuses with {@code q=0}; JSON without a header or for any type.
   */
  static Representation ofAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    List<MediaType> ranges = accept.length() > MAX_ACCEPT_LENGTH ? null : parse(accept);
    if (ranges == null) {
      throw ApiProblem.badRequest(
          "The Accept header is not a list of media types (RFC 9110) of at most "
              + MAX_ACCEPT_LENGTH
              + " characters; send application/json or text/csv, or leave it out.");
    }
    List<MediaType> refused = ranges.stream().filter(m -> m.getQualityValue() == 0).toList();
    ranges.removeAll(refused);
    // Highest quality first and, at equal quality, a named type before a wildcard (as Spring
    // orders them); otherwise in the client's order, the sort being stable.
    ranges.sort(
        Comparator.comparingDouble(MediaType::getQualityValue)
            .reversed()
            .thenComparing(MediaType::isWildcardType)
            .thenComparing(MediaType::isWildcardSubtype));
    for (MediaType range : ranges) {
      for (Representation r : values()) {
        if (range.includes(r.mediaType)
            && refused.stream().noneMatch(m -> m.includes(r.mediaType))) {
          return r;
        }
      }
    }
    throw ApiProblem.notAcceptable(
        "This endpoint answers application/json or text/csv; the Accept header allows neither. Send"
            + " one of them in Accept, or add format=json or format=csv to the query.");
  }

  private static List<MediaType> parse(String accept) {
    try {
      return new ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (InvalidMediaTypeException e) {
      return null;
    }
  }
}
