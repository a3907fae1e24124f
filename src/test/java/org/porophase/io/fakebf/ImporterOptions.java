package org.porophase.io.fakebf;

import java.io.IOException;

/** Test stand-in for {@code loci.plugins.in.ImporterOptions}: the three setters PoroPhase calls, same signatures. */
public class ImporterOptions {
    String id;
    boolean virtual;
    boolean quiet;

    public ImporterOptions() throws IOException {
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setVirtual(boolean b) {
        this.virtual = b;
    }

    public void setQuiet(boolean b) {
        this.quiet = b;
    }
}
