// PoroPhase — analyze every SEM image of a folder into one table.
//
// What it does: runs Plugins › PoroPhase › Analyze Cross-Section on every image file of the input
// folder (both cores), writes per-image results (STEM.summary.json, STEM.pores.csv, STEM.psd.csv,
// STEM.mask.tif, STEM.qc.png) and one combined summary.csv (one row per image; failed files listed with their
// reason) into the output folder, and fills the "PoroPhase Summary" table.
//
// Arguments (all optional): "input=DIR output=DIR options=[…extra Analyze Cross-Section options…]"
//   Fiji desktop: Plugins › Macros › Run… asks for the folders when no argument is given.
//   Headless:     ImageJ-linux64 --headless -batch analyze_sem_folder.ijm "input=/data/sem output=/data/out"
//   Plain ImageJ (no display): xvfb-run -a java -jar ij.jar -ijpath . -batch analyze_sem_folder.ijm "input=… output=…"
// Example extra options: options=[threshold_method=Li watershed pixel_size_um=0.05]
// (the keys are the parameter names of plugin.yml; a checkbox keeps its default unless named, key=false turns it off)

args = getArgument();
input = argValue(args, "input", "");
output = argValue(args, "output", "");
extra = argValue(args, "options", "");
if (input == "") input = getDirectory("Folder of SEM images");
if (output == "") output = getDirectory("Output folder");
setBatchMode(true);
run("Analyze Cross-Section", "input=[" + input + "] output_folder=[" + output + "] " + extra);
setBatchMode(false);
print("PoroPhase: results in " + output);

// Value of key=value or key=[value with spaces] in s, or def.
function argValue(s, key, def) {
    i = indexOf(" " + s, " " + key + "=");
    if (i < 0) return def;
    v = substring(s, i + lengthOf(key) + 1);
    if (startsWith(v, "[")) {
        j = indexOf(v, "]");
        return substring(v, 1, j);
    }
    j = indexOf(v, " ");
    if (j < 0) return v;
    return substring(v, 0, j);
}
