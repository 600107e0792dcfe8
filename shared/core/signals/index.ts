export { compactObservations } from './compact.ts';
export { interactionsFromObservations } from './derive.ts';
export {
  ObservationFoldSchema,
  PropertyObservationSchema,
} from './observations.ts';
export type { ObservationFold, PropertyObservation } from './observations.ts';
export {
  isSignalProperty,
  SIGNAL_PROPERTIES,
  signalDefinitionOf,
} from './properties.ts';
export type {
  SignalConfig,
  SignalDefinition,
  SignalProperty,
} from './properties.ts';
