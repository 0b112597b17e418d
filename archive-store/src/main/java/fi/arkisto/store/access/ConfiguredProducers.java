package fi.arkisto.store.access;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ActingOrganisations} from configuration: each controller acts for itself, and each configured producer
 * acts for the controllers it names, at any time (a producer's contract is not dated here; remove it from the
 * configuration when it ends).
 */
public final class ConfiguredProducers implements ActingOrganisations {

    /** One configured producer: its organisation OID, a name and the controllers it acts for. */
    public record Producer(String organisation, String name, List<String> actsFor) {
    }

    private final Map<String, Producer> byOrganisation = new HashMap<>();
    private final Map<String, Set<String>> controllersByProducer = new HashMap<>();

    public ConfiguredProducers(List<Producer> producers) {
        for (Producer producer : producers) {
            if (byOrganisation.putIfAbsent(producer.organisation(), producer) != null) {
                throw new IllegalArgumentException("Producer " + producer.organisation() + " is configured twice");
            }
            controllersByProducer.put(producer.organisation(), Set.copyOf(producer.actsFor()));
        }
    }

    public static ConfiguredProducers none() {
        return new ConfiguredProducers(List.of());
    }

    @Override
    public Optional<ActingRelation> relation(String organisation, String controller, Instant at) {
        if (organisation == null || controller == null) {
            return Optional.empty();
        }
        if (organisation.equals(controller)) {
            return Optional.of(new ActingRelation(ActingRelation.Kind.CONTROLLER, "the register's controller " + controller));
        }
        if (!controllersByProducer.getOrDefault(organisation, Set.of()).contains(controller)) {
            return Optional.empty();
        }
        Producer producer = byOrganisation.get(organisation);
        String name = producer.name() == null || producer.name().isBlank() ? "" : " (" + producer.name() + ")";
        return Optional.of(new ActingRelation(ActingRelation.Kind.PRODUCER, "producer " + organisation + name
                + " configured to act for " + controller));
    }
}
