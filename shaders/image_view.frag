#version 330 core
// The image view: input, output, side by side or split, at any zoom and pan; nearest sampling
// when zoomed in, a pixel grid from u_gridZoom, and a diverging blue-white-red map for signed
// outputs (value - offset), so edge filters show both signs instead of clipping one away.
in vec2 v_uv;
out vec4 o_colour;

uniform sampler2D u_input;
uniform sampler2D u_output;
uniform vec2 u_viewSize;   // target size in pixels
uniform vec2 u_imageSize;  // image size in pixels
uniform float u_zoom;      // target pixels per image pixel
uniform vec2 u_origin;     // image coordinate shown at a pane's top-left corner
uniform int u_mode;        // 0 input, 1 output, 2 side by side, 3 split
uniform float u_splitX;    // split mode: divider position in target pixels
uniform int u_hasOutput;
uniform int u_diverging;   // colour the output as signed values around u_centre
uniform float u_centre;    // the request's offset, 0..255
uniform float u_gridZoom;  // zoom from which the pixel grid is drawn
uniform float u_gap;       // side by side: pixels between the panes

const vec3 kBackground = vec3(0.11, 0.12, 0.14);
const vec3 kNegative = vec3(0.23, 0.30, 0.75);
const vec3 kZero = vec3(0.96, 0.96, 0.96);
const vec3 kPositive = vec3(0.71, 0.02, 0.15);

vec3 diverging(vec3 rgb) {
    float value = dot(rgb, vec3(1.0 / 3.0)) * 255.0 - u_centre;
    float range = max(max(u_centre, 255.0 - u_centre), 1.0);
    float s = clamp(value / range, -1.0, 1.0);
    return s < 0.0 ? mix(kZero, kNegative, -s) : mix(kZero, kPositive, s);
}

vec3 sampleImage(bool isOutput, vec2 local) {
    vec2 p = u_origin + local / u_zoom;
    if (p.x < 0.0 || p.y < 0.0 || p.x >= u_imageSize.x || p.y >= u_imageSize.y) {
        // A faint checkerboard outside the image, so its edge is always visible.
        vec2 cell = floor(local / 16.0);
        return kBackground + 0.015 * mod(cell.x + cell.y, 2.0);
    }
    if (isOutput && u_hasOutput == 0) {
        return kBackground + 0.04;
    }
    vec4 texel;
    if (u_zoom >= 1.0) {
        ivec2 ip = ivec2(floor(p));
        texel = isOutput ? texelFetch(u_output, ip, 0) : texelFetch(u_input, ip, 0);
    } else {
        // Zoomed out, one screen pixel covers 1/zoom image pixels: average a grid of bilinear
        // taps over that footprint (up to 4x4) so fine detail does not alias into moire.
        float footprint = 1.0 / u_zoom;
        int taps = int(min(ceil(footprint * 0.5), 4.0));
        vec4 sum = vec4(0.0);
        vec2 base = floor(p * u_zoom) / u_zoom;  // the footprint's top-left corner
        for (int j = 0; j < taps; ++j) {
            for (int i = 0; i < taps; ++i) {
                vec2 q = base + (vec2(i, j) + 0.5) * (footprint / float(taps));
                vec2 uv = q / u_imageSize;
                sum += isOutput ? texture(u_output, uv) : texture(u_input, uv);
            }
        }
        texel = sum / float(taps * taps);
    }
    vec3 rgb = texel.rgb;
    if (isOutput && u_diverging != 0) {
        rgb = diverging(rgb);
    }
    if (u_zoom >= u_gridZoom) {
        vec2 f = fract(p) * u_zoom;
        if (f.x < 1.0 || f.y < 1.0) {
            float fade = clamp((u_zoom - u_gridZoom) / u_gridZoom + 0.5, 0.0, 1.0);
            rgb = mix(rgb, vec3(0.05), 0.45 * fade);
        }
    }
    return rgb;
}

void main() {
    // Pixel centres from gl_FragCoord (exact x.5 values) rather than the interpolated v_uv, so
    // both panes of the side-by-side view sample exactly the same texels.
    vec2 screen = vec2(gl_FragCoord.x, u_viewSize.y - gl_FragCoord.y);  // top-left origin
    vec3 rgb;
    if (u_mode == 2) {
        float pane = floor((u_viewSize.x - u_gap) * 0.5);
        if (screen.x < pane) {
            rgb = sampleImage(false, screen);
        } else if (screen.x < pane + u_gap) {
            rgb = vec3(0.05);
        } else {
            rgb = sampleImage(true, screen - vec2(pane + u_gap, 0.0));
        }
    } else if (u_mode == 3) {
        rgb = sampleImage(screen.x >= u_splitX, screen);
    } else {
        rgb = sampleImage(u_mode == 1, screen);
    }
    o_colour = vec4(rgb, 1.0);
}
