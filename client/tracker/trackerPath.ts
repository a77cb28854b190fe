/**
 * The tracker page's path, on its own: the header and the routes need it, and importing it
 * from the tracker's filters would bring the hypothesis schemas into every page's first load.
 */
export const TrackerPath = '/hypotheses'
