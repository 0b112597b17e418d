package fi.arkisto.store.display;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the display form checks (safety, the client it names) and the PDF renderer. */
@Configuration(proxyBeanMethods = false)
public class DisplayConfiguration {

    @Bean
    public DisplayFormSafety displayFormSafety() {
        return new DisplayFormSafety();
    }

    @Bean
    public DisplayFormCheck displayFormCheck(DisplayFormSafety displayFormSafety) {
        return new DisplayFormCheck(displayFormSafety);
    }

    @Bean
    public DisplayFormIdentityCheck displayFormIdentityCheck() {
        return new DisplayFormIdentityCheck();
    }

    @Bean
    public PdfRenderer pdfRenderer(DisplayFormSafety displayFormSafety) {
        return new PdfRenderer(displayFormSafety);
    }
}
