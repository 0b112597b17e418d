package fi.arkisto.app.api.accesslog;

import fi.arkisto.store.accesslog.CitizenLogPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code arkisto.access-log}: bounds of a client's log extract (docs/access.md, "Log extracts") and what the
 * citizen's own extract shows (docs/access.md, "The citizen's access log").
 *
 * @param maxLetterEntries most entries one PDF letter holds; a longer period is refused with
 *                         {@code ACCESS_LOG_TOO_LARGE} (the JSON extract is paged with {@code arkisto.api}'s page sizes)
 * @param citizen          the citizen's own extract
 */
@Validated
@ConfigurationProperties("arkisto.access-log")
public record AccessLogProperties(@Min(1) @Max(100_000) @DefaultValue("2000") int maxLetterEntries,
                                  @DefaultValue Citizen citizen) {

    /**
     * {@code arkisto.access-log.citizen}: MyKanta shows where the data was handled, the controller names who
     * ({@link CitizenLogPolicy}).
     *
     * @param professionalsNamed whether the citizen's extract names the professional (default false: the organisation)
     * @param ownUseListed       whether the citizen's own reads are listed (default false: they would flood it)
     */
    public record Citizen(@DefaultValue("false") boolean professionalsNamed,
                          @DefaultValue("false") boolean ownUseListed) {

        CitizenLogPolicy policy() {
            return new CitizenLogPolicy(professionalsNamed, ownUseListed);
        }
    }
}
