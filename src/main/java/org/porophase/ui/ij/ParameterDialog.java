package org.porophase.ui.ij;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;

import ij.Macro;
import ij.gui.GenericDialog;

/**
 * A parameter dialog that behaves like ImageJ's {@link GenericDialog} (macro-recordable, macro
 * options honoured) and also works where no dialog can be shown.
 * <p>
 * On a desktop it <em>is</em> a GenericDialog: fields are shown, values recorded by the macro
 * recorder, and macro options ({@code run("…", "key=value …")}) fill the fields without a window,
 * as usual. In a headless JVM (plain ImageJ 1.x with {@code -Djava.awt.headless=true}, servers, CI)
 * constructing a GenericDialog throws {@link java.awt.HeadlessException}; there the same fields are
 * read from the macro options with the same keys GenericDialog uses ({@link Macro#trimKey}: the
 * label's first word, lower-cased), falling back to the defaults.
 */
public final class ParameterDialog {

    private enum Kind { NUMBER, STRING, FILE, DIRECTORY, CHOICE, CHECKBOX }

    private static final class Field {
        final Kind kind;
        final String label;
        final Object def;
        final String[] choices;
        final int digits;

        Field(Kind kind, String label, Object def, String[] choices, int digits) {
            this.kind = kind;
            this.label = label;
            this.def = def;
            this.choices = choices;
            this.digits = digits;
        }
    }

    private final String title;
    private final List<Field> fields = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int next;
    private boolean canceled;

    public ParameterDialog(String title) {
        this.title = title;
    }

    /** True when no window can be shown (values come from macro options or defaults). */
    public static boolean isHeadless() {
        return GraphicsEnvironment.isHeadless();
    }

    public void addMessage(String text) {
        messages.add(text);
        fields.add(null);
    }

    public void addNumericField(String label, double def, int digits) {
        fields.add(new Field(Kind.NUMBER, label, def, null, digits));
    }

    public void addStringField(String label, String def) {
        fields.add(new Field(Kind.STRING, label, def == null ? "" : def, null, 0));
    }

    /** A path field with a file browser on the desktop. */
    public void addFileField(String label, String def) {
        fields.add(new Field(Kind.FILE, label, def == null ? "" : def, null, 0));
    }

    /** A path field with a folder browser on the desktop. */
    public void addDirectoryField(String label, String def) {
        fields.add(new Field(Kind.DIRECTORY, label, def == null ? "" : def, null, 0));
    }

    public void addChoice(String label, String[] choices, String def) {
        fields.add(new Field(Kind.CHOICE, label, def, choices, 0));
    }

    public void addCheckbox(String label, boolean def) {
        fields.add(new Field(Kind.CHECKBOX, label, def, null, 0));
    }

    /** Shows the dialog (or reads macro options when headless). Returns false if canceled. */
    public boolean show() {
        values.clear();
        next = 0;
        if (isHeadless()) {
            readHeadless(Macro.getOptions());
            return true;
        }
        GenericDialog gd = new GenericDialog(title);
        int m = 0;
        for (Field f : fields) {
            if (f == null) {
                gd.addMessage(messages.get(m++));
                continue;
            }
            switch (f.kind) {
                case NUMBER: gd.addNumericField(f.label, (Double) f.def, f.digits); break;
                case STRING: gd.addStringField(f.label, (String) f.def, 30); break;
                case FILE: gd.addFileField(f.label, (String) f.def); break;
                case DIRECTORY: gd.addDirectoryField(f.label, (String) f.def); break;
                case CHOICE: gd.addChoice(f.label, f.choices, (String) f.def); break;
                default: gd.addCheckbox(f.label, (Boolean) f.def); break;
            }
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            canceled = true;
            return false;
        }
        for (Field f : fields) {
            if (f == null) {
                continue;
            }
            switch (f.kind) {
                case NUMBER: values.add(gd.getNextNumber()); break;
                case STRING:
                case FILE:
                case DIRECTORY: values.add(gd.getNextString()); break;
                case CHOICE: values.add(gd.getNextChoice()); break;
                default: values.add(gd.getNextBoolean()); break;
            }
        }
        return true;
    }

    private void readHeadless(String options) {
        for (Field f : fields) {
            if (f == null) {
                continue;
            }
            String key = Macro.trimKey(f.label);
            switch (f.kind) {
                case NUMBER: {
                    String v = options == null ? null : Macro.getValue(options, key, null);
                    double d = (Double) f.def;
                    if (v != null) {
                        try {
                            d = Double.parseDouble(v.trim());
                        } catch (NumberFormatException e) {
                            throw new org.porophase.core.PoroPhaseException("macro option '" + key + "=" + v + "' is not a number");
                        }
                    }
                    values.add(d);
                    break;
                }
                case STRING:
                case FILE:
                case DIRECTORY: {
                    String v = options == null ? null : Macro.getValue(options, key, null);
                    values.add(v == null ? f.def : v);
                    break;
                }
                case CHOICE: {
                    String v = options == null ? null : Macro.getValue(options, key, null);
                    if (v == null) {
                        values.add(f.def);
                    } else {
                        String match = null;
                        for (String c : f.choices) {
                            if (c.equalsIgnoreCase(v.trim())) {
                                match = c;
                            }
                        }
                        if (match == null) {
                            throw new org.porophase.core.PoroPhaseException("macro option '" + key + "=" + v + "' is not one of "
                                    + String.join(", ", f.choices));
                        }
                        values.add(match);
                    }
                    break;
                }
                default: {
                    // GenericDialog convention: a checkbox is true when its key appears as a word.
                    boolean b = options == null ? (Boolean) f.def : hasWord(options, key);
                    values.add(b);
                    break;
                }
            }
        }
    }

    private static boolean hasWord(String options, String key) {
        String o = " " + options + " ";
        return o.contains(" " + key + " ") || o.contains(" " + key + "=true ");
    }

    public boolean wasCanceled() {
        return canceled;
    }

    public double getNextNumber() {
        return (Double) values.get(next++);
    }

    public String getNextString() {
        return (String) values.get(next++);
    }

    public String getNextChoice() {
        return (String) values.get(next++);
    }

    public boolean getNextBoolean() {
        return (Boolean) values.get(next++);
    }
}
