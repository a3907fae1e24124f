// PoroPhase — porosity profile (and the other volume measures) of every XCT stack in a folder.
//
// What it does: runs Plugins › PoroPhase › Analyze Volume on every volume file of the input folder
// (multi-page TIFF, .mhd, .nrrd, .h5), writing for each STEM.summary.json, STEM.profile.csv and
// STEM.profile.png (porosity along the axis, µm), STEM.psd.csv (local-thickness histogram) and, with
// save_mask, STEM.mask.tif into the output folder (names: STEM.<what>.<ext>, as for 2D).
// A file that fails is reported in the Log and the loop goes on.
//
// Arguments (all optional): "input=DIR output=DIR options=[…extra Analyze Volume options…]"
//   Fiji desktop: Plugins › Macros › Run… asks for the folders when no argument is given.
//   Headless:     ImageJ-linux64 --headless -batch porosity_profile_xct_folder.ijm "input=/data/xct output=/data/out"
// Example extra options: options=[voxel_size_um=0.85 axis=z detect_surfaces cylinder=auto local_thickness=false]
// (the keys are the parameter names of plugin.yml; a checkbox keeps its default unless named, key=false turns it off)

args = getArgument();
input = argValue(args, "input", "");
output = argValue(args, "output", "");
extra = argValue(args, "options", "");
if (input == "") input = getDirectory("Folder of XCT volumes");
if (output == "") output = getDirectory("Output folder");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
setBatchMode(true);
list = getFileList(input);
n = 0;
for (i = 0; i < list.length; i++) {
    f = list[i];
    lower = toLowerCase(f);
    if (endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".mhd") || endsWith(lower, ".nrrd")
            || endsWith(lower, ".h5") || endsWith(lower, ".hdf5")) {
        if (endsWith(lower, ".mask.tif")) continue; // our own output, when output = input
        showProgress(i, list.length);
        run("Analyze Volume", "input=[" + input + f + "] output_folder=[" + output + "] " + extra);
        n++;
    }
}
setBatchMode(false);
print("PoroPhase: " + n + " volume(s) analysed; results in " + output);

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
