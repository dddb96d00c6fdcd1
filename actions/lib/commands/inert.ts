// Member text is made inert by the one shared module; commands keep their import path.
export { inertText, type InertOptions } from '../markdown/inert.js'
