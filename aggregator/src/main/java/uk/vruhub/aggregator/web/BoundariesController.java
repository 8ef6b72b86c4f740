package uk.vruhub.aggregator.web;

import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hotspot map's areas as GeoJSON ({@link Boundaries}): {@code level=lsoa} (the default) or
 * {@code level=ward}. Boundaries are published geography, level 1 with no identifiers; a
 * recipient's token is asked for all the same, as every page's data is.
 */
@RestController
@RequestMapping("/api/v1")
class BoundariesController {

  static final MediaType GEO_JSON = new MediaType("application", "geo+json");

  private enum Level {
    LSOA,
    WARD
  }

  private final RecipientAccess access;
  private final Optional<Boundaries> boundaries;

  BoundariesController(RecipientAccess access, ObjectProvider<Boundaries> boundaries) {
    this.access = access;
    this.boundaries = Optional.ofNullable(boundaries.getIfAvailable());
  }

  @GetMapping("/boundaries")
  ResponseEntity<byte[]> boundaries(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters) {
    access.identify(authorization);
    QueryParameters query = QueryParameters.of(parameters, List.of("level"));
    Level level = query.choice("level", Level.class, Level.LSOA);
    Boundaries b =
        boundaries.orElseThrow(
            () ->
                ApiProblem.notFound(
                    "No boundary file is configured: set hub.aggregator.dashboard.boundaries to an"
                        + " LSOA boundary GeoJSON (ONS layout, e.g. the ONS LSOA 2021"
                        + " boundaries)."));
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .cacheControl(CacheControl.noCache())
        .body(level == Level.WARD ? b.wards() : b.lsoas());
  }
}
