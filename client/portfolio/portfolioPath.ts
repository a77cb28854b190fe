/** The portfolio page's path, on its own: the header and the routes need it, not the page. */
export const PortfolioPath = '/portfolio'
