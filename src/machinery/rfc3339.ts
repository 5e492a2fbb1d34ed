/**
 * metav1.Time as the API writes it: RFC 3339 in UTC with whole seconds (`2024-01-01T00:00:00Z`), the
 * fraction dropped as Go's formatting drops it. One definition for every component that writes times.
 */
export function rfc3339(time: number | Date): string {
  return `${(typeof time === 'number' ? new Date(time) : time).toISOString().slice(0, 19)}Z`;
}
