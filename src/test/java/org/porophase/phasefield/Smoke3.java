package org.porophase.phasefield;

public class Smoke3 {
    public static void main(String[] a) {
        System.exit(new picocli.CommandLine(new org.porophase.cli.PhaseFieldCommand()).execute(a));
    }
}
