// The citizen's page's words in Finnish and Swedish (docs/running.md, "The citizen's page"); oma.js puts them on the
// page. Operations and bases are the audit log's names (AuditOperation, AccessBasis); unknown ones are shown as they are.
(function () {
  'use strict';

  window.ArkistoOmaText = {
    fi: {
      pageTitle: 'Omat sosiaalihuollon asiakirjat – Arkisto',
      skip: 'Siirry sisältöön', logout: 'Kirjaudu ulos', title: 'Omat sosiaalihuollon asiakirjat',
      loginHeading: 'Kirjaudu sisään',
      idpLogin: 'Kirjaudu tunnistautumispalvelun kautta: palvelu palauttaa sinut tälle sivulle.',
      devLoginIntro: 'Kehityskäyttö: kirjaudu testihenkilötunnuksella (yksilönumero 900–999).',
      hetuLabel: 'Testihenkilötunnus', hetuHelp: 'Esimerkiksi 010190-900P', loginButton: 'Kirjaudu',
      documentsHeading: 'Asiakirjani palvelutehtävittäin', documentsEmpty: 'Sinulle näytettäviä asiakirjoja ei ole.',
      viewerHeading: 'Asiakirjan näyttömuoto', printPdf: 'Tulostettava PDF', close: 'Sulje',
      logHeading: 'Kuka on käyttänyt tietojani',
      logIntro: 'Organisaatiot, jotka ovat käyttäneet tietojasi tai joille niitä on luovutettu kahden viime vuoden '
        + 'aikana. Yksittäisen ammattilaisen nimen voit pyytää rekisterinpitäjältä.',
      logOpen: 'Näytä käyttötiedot', logEmpty: 'Tietojasi ei ole käytetty.', logMore: 'Näytä lisää',
      noServiceTask: 'Muut asiakirjat', serviceTask: 'Palvelutehtävä ', untitled: 'Asiakirja', oid: 'Tunniste',
      tasks: {
        22: 'Aikuisten sosiaalipalvelut', 23: 'Päihdehuolto', 24: 'Lapsiperheiden palvelut', 25: 'Lastensuojelu',
        27: 'Ikääntyneiden palvelut', 28: 'Vammaispalvelut'
      },
      date: 'Päivämäärä', status: 'Tila', register: 'Rekisterinpitäjä',
      view: 'Näytä', pdf: 'PDF', viewOf: 'Näytä asiakirja: ', pdfOf: 'Tulostettava PDF: ',
      when: 'Aika', organisation: 'Organisaatio', professional: 'Ammattilainen', useContext: 'Käyttötilanne',
      operation: 'Toimenpide', document: 'Asiakirja', basis: 'Peruste',
      USE: 'Käyttö', DISCLOSURE: 'Luovutus toiselle rekisterinpitäjälle',
      ACTIVE: 'Voimassa', REPLACED: 'Korvattu uudella versiolla', NULLIFIED: 'Mitätöity',
      loading: 'Haetaan…', loaded: 'Asiakirjat haettu.', logLoaded: 'Käyttötiedot haettu.',
      pdfReady: 'PDF on ladattu.', signedOut: 'Olet kirjautunut ulos.',
      expired: 'Kirjautumisesi on vanhentunut. Kirjaudu uudelleen.', failed: 'Haku epäonnistui: ',
      hetuInvalid: 'Tarkista henkilötunnus: muoto PPKKVV-NNNT ja tarkistusmerkki.',
      hetuNotTest: 'Vain testihenkilötunnukset (yksilönumero 900–999) käyvät.',
      ops: {
        ARCHIVE: 'Asiakirjan tallennus', READ_CONTENT: 'Asiakirjan luku', READ_METADATA: 'Asiakirjan tietojen luku',
        READ_DISPLAY: 'Asiakirjan näyttömuodon luku', LIST_CLIENT_DOCUMENTS: 'Asiakirjojen haku',
        NULLIFY: 'Asiakirjan mitätöinti', RECORD_INFORMING: 'Informoinnin kirjaus', RECORD_CONSENT: 'Suostumuksen kirjaus',
        RECORD_DENIAL: 'Luovutuskiellon kirjaus', WITHDRAW_INFORMING: 'Informoinnin peruutus',
        WITHDRAW_CONSENT: 'Suostumuksen peruutus', WITHDRAW_DENIAL: 'Luovutuskiellon peruutus',
        READ_INFORMING: 'Informointien luku', READ_CONSENTS: 'Suostumusten luku', READ_DENIALS: 'Luovutuskieltojen luku',
        READ_ACCESS_LOG: 'Lokitietojen luku'
      },
      bases: {
        OWN_REGISTER: 'Oma rekisteri', REGISTER_ACCESS_RIGHT: 'Rekisterinkäyttöoikeus',
        EXTENSIVE_REGISTER_ACCESS_RIGHT: 'Laaja rekisterinkäyttöoikeus', SHARING_WITH_CONSENT: 'Suostumus',
        STATUTORY_RIGHT: 'Lakiin perustuva tiedonsaantioikeus', BROAD_SEARCH: 'Laaja tiedonhaku',
        CITIZEN_OWN: 'Oma käyttö'
      }
    },
    sv: {
      pageTitle: 'Mina handlingar inom socialvården – Arkisto',
      skip: 'Gå till innehållet', logout: 'Logga ut', title: 'Mina handlingar inom socialvården',
      loginHeading: 'Logga in',
      idpLogin: 'Logga in via identifieringstjänsten: tjänsten skickar dig tillbaka till den här sidan.',
      devLoginIntro: 'Utvecklingsbruk: logga in med en testpersonbeteckning (individnummer 900–999).',
      hetuLabel: 'Testpersonbeteckning', hetuHelp: 'Till exempel 010190-900P', loginButton: 'Logga in',
      documentsHeading: 'Mina handlingar per serviceuppgift', documentsEmpty: 'Det finns inga handlingar att visa för dig.',
      viewerHeading: 'Handlingens visningsform', printPdf: 'PDF för utskrift', close: 'Stäng',
      logHeading: 'Vem har använt mina uppgifter',
      logIntro: 'Organisationer som har använt dina uppgifter eller fått dem utlämnade under de senaste två åren. '
        + 'Namnet på en enskild yrkesperson kan du begära av den personuppgiftsansvarige.',
      logOpen: 'Visa användningsuppgifterna', logEmpty: 'Dina uppgifter har inte använts.', logMore: 'Visa fler',
      noServiceTask: 'Övriga handlingar', serviceTask: 'Serviceuppgift ', untitled: 'Handling', oid: 'Identifierare',
      tasks: {
        22: 'Socialservice för vuxna', 23: 'Missbrukarvård', 24: 'Tjänster för barnfamiljer', 25: 'Barnskydd',
        27: 'Tjänster för äldre', 28: 'Handikappservice'
      },
      date: 'Datum', status: 'Status', register: 'Personuppgiftsansvarig',
      view: 'Visa', pdf: 'PDF', viewOf: 'Visa handlingen: ', pdfOf: 'PDF för utskrift: ',
      when: 'Tid', organisation: 'Organisation', professional: 'Yrkesperson', useContext: 'Användningssituation',
      operation: 'Åtgärd', document: 'Handling', basis: 'Grund',
      USE: 'Användning', DISCLOSURE: 'Utlämnande till en annan personuppgiftsansvarig',
      ACTIVE: 'Gällande', REPLACED: 'Ersatt med en ny version', NULLIFIED: 'Makulerad',
      loading: 'Hämtar…', loaded: 'Handlingarna har hämtats.', logLoaded: 'Användningsuppgifterna har hämtats.',
      pdfReady: 'PDF-filen har laddats ner.', signedOut: 'Du har loggat ut.',
      expired: 'Din inloggning har gått ut. Logga in igen.', failed: 'Hämtningen misslyckades: ',
      hetuInvalid: 'Kontrollera personbeteckningen: formen DDMMÅÅ-NNNK och kontrolltecknet.',
      hetuNotTest: 'Endast testpersonbeteckningar (individnummer 900–999) godtas.',
      ops: {
        ARCHIVE: 'Lagring av handlingen', READ_CONTENT: 'Läsning av handlingen',
        READ_METADATA: 'Läsning av handlingens uppgifter', READ_DISPLAY: 'Läsning av handlingens visningsform',
        LIST_CLIENT_DOCUMENTS: 'Sökning av handlingar', NULLIFY: 'Makulering av handlingen',
        RECORD_INFORMING: 'Registrering av information', RECORD_CONSENT: 'Registrering av samtycke',
        RECORD_DENIAL: 'Registrering av förbud mot utlämnande', WITHDRAW_INFORMING: 'Återkallande av information',
        WITHDRAW_CONSENT: 'Återkallande av samtycke', WITHDRAW_DENIAL: 'Återkallande av förbud mot utlämnande',
        READ_INFORMING: 'Läsning av information', READ_CONSENTS: 'Läsning av samtycken',
        READ_DENIALS: 'Läsning av förbud mot utlämnande', READ_ACCESS_LOG: 'Läsning av loggdata'
      },
      bases: {
        OWN_REGISTER: 'Eget register', REGISTER_ACCESS_RIGHT: 'Registeranvändningsrätt',
        EXTENSIVE_REGISTER_ACCESS_RIGHT: 'Omfattande registeranvändningsrätt', SHARING_WITH_CONSENT: 'Samtycke',
        STATUTORY_RIGHT: 'Lagstadgad rätt att få uppgifter', BROAD_SEARCH: 'Omfattande informationssökning',
        CITIZEN_OWN: 'Eget bruk'
      }
    }
  };
})();
