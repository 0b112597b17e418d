package fi.arkisto.testkit.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The records an organisation keeps of its generated clients' will on sharing, and its register access agreements,
 * as the API calls that make them: about two clients in three informed, half of those with a consent (some for a
 * limited time, some withdrawn), one in six with a denial of a service task, a provider's register or one of the
 * client's documents (some withdrawn).
 */
final class AccessRecords {

    static final ObjectMapper JSON = new ObjectMapper();

    private AccessRecords() {
    }

    /** The organiser's agreement with a provider, open-ended, every service task, from well before any period. */
    static AccessRecord agreement(GeneratorOptions options, Oid provider, int number) {
        ObjectNode body = JSON.createObjectNode();
        body.put("organiser", options.organisation().value());
        body.put("provider", provider.value());
        body.put("extensive", false);
        body.putArray("serviceTasks");
        body.put("validFrom", options.today().minusYears(4).withDayOfYear(1).toString());
        body.put("contractReference", "TESTI-SOP-" + number);
        return new AccessRecord("agreement", null, options.organisation().value(), "/api/v1/register-access-agreements",
                body, false);
    }

    static List<AccessRecord> forClient(SplittableRandom random, GeneratorOptions options, String client,
                                        LocalDate relationshipStart, Collection<DocumentSpec> documents, int taskIndex) {
        List<AccessRecord> records = new ArrayList<>();
        String organisation = options.organisation().value();
        String base = "/api/v1/clients/" + client;
        if (random.nextInt(3) != 0) {
            LocalDate informed = notAfter(relationshipStart.plusDays(random.nextInt(14)), options.today());
            ObjectNode informing = JSON.createObjectNode().put("informedOn", informed.toString());
            records.add(new AccessRecord("informing", client, organisation, base + "/informing", informing, false));
            if (random.nextBoolean()) {
                ObjectNode consent = JSON.createObjectNode().put("validFrom", informed.toString());
                if (random.nextInt(3) == 0) {
                    consent.put("validUntil", informed.plusYears(1 + random.nextInt(3)).toString());
                }
                records.add(new AccessRecord("consent", client, organisation, base + "/consents", consent,
                        random.nextInt(6) == 0));
            }
        }
        if (random.nextInt(6) == 0) {
            ObjectNode denial = JSON.createObjectNode();
            List<DocumentSpec> deniable = documents.stream()
                    .filter(d -> d.group() == DocumentGroup.CASE || d.group() == DocumentGroup.OTHER).toList();
            switch (random.nextInt(3)) {
                case 0 -> denial.put("targetType", "SERVICE_TASK").put("target", GeneratorCodes.SERVICE_TASKS
                        .get((taskIndex + 1 + random.nextInt(GeneratorCodes.SERVICE_TASKS.size() - 1))
                                % GeneratorCodes.SERVICE_TASKS.size()).code());
                case 1 -> denial.put("targetType", "CONTROLLER").put("target", options.providers().isEmpty()
                        ? organisation : SyntheticPopulation.pick(random, options.providers()).value());
                default -> {
                    if (deniable.isEmpty()) {
                        denial.put("targetType", "SERVICE_TASK")
                                .put("target", GeneratorCodes.SERVICE_TASKS.get(taskIndex).code());
                    } else {
                        denial.put("targetType", "DOCUMENT")
                                .put("target", SyntheticPopulation.pick(random, deniable).setId());
                    }
                }
            }
            denial.put("validFrom", relationshipStart.toString());
            records.add(new AccessRecord("denial", client, organisation, base + "/denials", denial,
                    random.nextInt(4) == 0));
        }
        return records;
    }

    private static LocalDate notAfter(LocalDate day, LocalDate last) {
        return day.isAfter(last) ? last : day;
    }
}
