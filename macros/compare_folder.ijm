// PoroPhase — real vs ideal comparison of every image (or volume) in a folder.
//
// What it does: runs Plugins › PoroPhase › Compare Real vs Ideal on the folder: for each input it
// measures the real scaffold, builds its ideal parallel-cylinder twin (same porosity and mean pore
// size), runs the phase-field Li plating on both and writes OUTPUT/STEM/ (STEM.summary.json,
// STEM.comparison.csv, STEM.profile.csv, STEM.psd.csv, STEM.<figure>.png, report.html);
// OUTPUT/summary.csv has one row per input, failed ones
// with their reason. The "PoroPhase Compare" table gets the same rows.
//
// Arguments (all optional): "input=DIR output=DIR options=[…extra Compare options…]"
//   Fiji desktop: Plugins › Macros › Run… asks for the folders when no argument is given.
//   Headless:     ImageJ-linux64 --headless -batch compare_folder.ijm "input=/data/sem output=/data/compare"
//   Plain ImageJ (no display): xvfb-run -a java -jar ij.jar -ijpath . -batch compare_folder.ijm "input=… output=…"
// Example extra options: options=[time_s=1000 dx_um=0.1 impregnation_depth_um=10]   or   options=[phasefield=false]

args = getArgument();
input = argValue(args, "input", "");
output = argValue(args, "output", "");
extra = argValue(args, "options", "");
if (input == "") input = getDirectory("Folder of SEM images or XCT volumes");
if (output == "") output = getDirectory("Output folder");
setBatchMode(true);
run("Compare Real vs Ideal", "input=[" + input + "] output_folder=[" + output + "] " + extra);
setBatchMode(false);
print("PoroPhase: comparison reports in " + output);

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
