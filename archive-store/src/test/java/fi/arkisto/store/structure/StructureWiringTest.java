package fi.arkisto.store.structure;

import fi.arkisto.store.display.DisplayConfiguration;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.display.DisplayFormIdentityCheck;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.document.DocumentCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StructureWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(StructureConfiguration.class, DisplayConfiguration.class);

    @Test
    void bindsTheStructurePropertiesAndOrdersTheChecksDisplayBeforeStructure(@TempDir Path dir) {
        context.withPropertyValues("arkisto.structures.dir=" + dir, "arkisto.structures.allow-unknown=true")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    StructureProperties properties = ctx.getBean(StructureProperties.class);
                    assertThat(properties.dir()).isEqualTo(dir);
                    assertThat(properties.allowUnknown()).isTrue();
                    assertThat(ctx.getBean(StructureCatalogue.class).allowUnknown()).isTrue();
                    assertThat(ctx).hasSingleBean(PdfRenderer.class);
                    List<DocumentCheck> checks = new ArrayList<>(ctx.getBeansOfType(DocumentCheck.class).values());
                    AnnotationAwareOrderComparator.sort(checks);
                    assertThat(checks).hasExactlyElementsOfTypes(DisplayFormCheck.class, DisplayFormIdentityCheck.class, StructureCheck.class);
                });
    }

    @Test
    void refusesUnknownStructuresByDefault() {
        context.run(ctx -> {
            assertThat(ctx.getBean(StructureProperties.class).allowUnknown()).isFalse();
            assertThat(ctx.getBean(StructureProperties.class).dir()).isNull();
        });
    }

    @Test
    void aStructuresDirectoryThatDoesNotExistStopsTheStart(@TempDir Path dir) {
        context.withPropertyValues("arkisto.structures.dir=" + dir.resolve("missing"))
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
