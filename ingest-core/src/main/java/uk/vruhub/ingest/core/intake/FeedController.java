package uk.vruhub.ingest.core.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.feed.FeedState;
import uk.vruhub.ingest.core.feed.FeedStatus;

/**
 * Where agency systems push their extracts: {@code POST /api/v1/feeds} with the CSV as the body
 * (streamed to disk, never held in memory) and the agency's bearer token; {@code GET
 * /api/v1/feeds/{id}} for the feed's state, counts, progress and rejects; {@code GET /api/v1/feeds}
 * for the agency's recent feeds.
 */
@RestController
@RequestMapping("/api/v1/feeds")
@SecurityRequirement(name = "agency-token")
class FeedController {

  private static final int MAX_LISTED = 1000;

  private final FeedService feeds;
  private final TokenCheck tokens;

  FeedController(FeedService feeds, TokenCheck tokens) {
    this.feeds = feeds;
    this.tokens = tokens;
  }

  @Operation(
      summary = "Send a feed",
      description =
          "The body is the agency's CSV extract in its feed contract's format. Answers 202 with the"
              + " feed id at once; processing continues in the background.")
  @ApiResponse(
      responseCode = "202",
      description = "Received; follow the Location header for its status")
  @ApiResponse(
      responseCode = "200",
      description =
          "The same file was already published for this extract date; nothing new is published")
  @ApiResponse(
      responseCode = "400",
      description =
          "extractDate missing, not yyyy-MM-dd, in the future or older than the service accepts")
  @ApiResponse(responseCode = "401", description = "Missing or wrong bearer token")
  @ApiResponse(responseCode = "413", description = "Larger than the largest feed accepted")
  @ApiResponse(
      responseCode = "503",
      description =
          "Too many feeds waiting, or the spool or its disk full; send again after Retry-After")
  @PostMapping(consumes = "*/*")
  ResponseEntity<FeedStatus.Snapshot> send(
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @Parameter(description = "Date the extract was taken, yyyy-MM-dd")
          @RequestParam
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate extractDate,
      HttpServletRequest request)
      throws IOException {
    tokens.require(authorization);
    FeedStatus.Snapshot status = feeds.submit(request.getInputStream(), extractDate, "http");
    if (status.state() == FeedState.DUPLICATE) {
      return ResponseEntity.ok(status);
    }
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/feeds/" + status.feedId()))
        .body(status);
  }

  @Operation(
      summary = "Recent feeds",
      description =
          "The agency's feeds this service knows, newest first: state and counts, without the"
              + " rejects in full (the feed's own status has them).")
  @ApiResponse(responseCode = "200", description = "Newest first")
  @ApiResponse(responseCode = "400", description = "limit outside 1-" + MAX_LISTED)
  @ApiResponse(responseCode = "401", description = "Missing or wrong bearer token")
  @GetMapping
  ResponseEntity<?> recent(
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @Parameter(description = "How many feeds, 1-" + MAX_LISTED) @RequestParam(defaultValue = "50")
          int limit) {
    tokens.require(authorization);
    if (limit < 1 || limit > MAX_LISTED) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "limit must be a whole number from 1 to " + MAX_LISTED + "."));
    }
    return ResponseEntity.ok(feeds.recent(limit));
  }

  @Operation(
      summary = "A feed's status",
      description =
          "State, row counts, progress and rejects by reason (row, column and reason; never a"
              + " value).")
  @GetMapping("/{feedId}")
  ResponseEntity<?> status(
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @PathVariable String feedId) {
    tokens.require(authorization);
    return feeds
        .status(feedId)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(
                        Map.of(
                            "error", "No feed with id " + feedId + " is known to this service.")));
  }
}
