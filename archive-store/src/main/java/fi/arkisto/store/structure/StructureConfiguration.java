package fi.arkisto.store.structure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the structure catalogue and its archiving-stage check ({@code arkisto.structures.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StructureProperties.class)
public class StructureConfiguration {

    @Bean
    public StructureCatalogue structureCatalogue(StructureProperties properties) {
        return new StructureCatalogue(properties);
    }

    @Bean
    public StructureCheck structureCheck(StructureCatalogue structureCatalogue) {
        return new StructureCheck(structureCatalogue);
    }
}
