package fi.arkisto.routes.file;

/** One regular file inside a checked package, in central-directory order. */
record PackageEntry(int index, String name, long size) {

    /** A file-system-safe, collision-free name for extracting a rejected entry next to its reason file. */
    String safeName() {
        String flat = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (flat.length() > 120) {
            flat = flat.substring(flat.length() - 120);
        }
        return String.format("%05d-%s", index, flat);
    }
}
