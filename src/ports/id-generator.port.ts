// Identifiers as a port: random in the app, predictable in tests.
export interface IdGenerator {
  profileId(): string;
  correlationId(): string;
}
