/**
 * What a person decides at triage against what the rules suggested: the final triage and the fields
 * overridden. Small on purpose: the workflow sandbox needs this and the types, not the rule tables of
 * `./triage` (which the intake's activity applies).
 */
import type { RiskKind } from './major-review';
import type { Category, Grade, Severity } from './model';

export interface TriageSuggestion {
  category: Category;
  severity: Severity;
  grade: Grade;
  departmentId: string;
  /** Risk words found, spelled as in the rules. */
  riskWords: string[];
  /** What the risk words threaten (absent in suggestions made before 1.3: none). */
  riskKinds?: RiskKind[];
  /** The triage-rule version that made it (`triage_rule_versions`; 0: the built-in defaults; absent before 1.3). */
  rulesVersion?: number;
  /** Keywords of the chosen category found, spelled as in the rules. */
  matchedKeywords: string[];
  repeatComplainant: boolean;
  repeatProduct: boolean;
  possiblySystemic: boolean;
  /** Why each decision was made, in English, for the person who confirms the triage. */
  reasons: string[];
}

/** What a person decided at triage; omitted fields accept the suggestion. */
export interface TriageDecision {
  category?: Category;
  severity?: Severity;
  grade?: Grade;
  departmentId?: string;
  possiblySystemic?: boolean;
  /** Not suggested by the rules, so setting it is never an override. */
  assigneeId?: string;
}

export interface FinalTriage {
  category: Category;
  severity: Severity;
  grade: Grade;
  departmentId: string;
  possiblySystemic: boolean;
  assigneeId?: string;
}

export type TriageOverridableField = 'category' | 'severity' | 'grade' | 'departmentId' | 'possiblySystemic';
const OVERRIDABLE_FIELDS: readonly TriageOverridableField[] = ['category', 'severity', 'grade', 'departmentId', 'possiblySystemic'];


/**
 * Combines the suggestion with a person's decision. `overridden` names every field where the person
 * chose something other than the suggestion, so reports can measure how often the rules are wrong;
 * repeating the suggested value is a confirmation, not an override.
 */
export function applyTriageDecision(
  suggestion: TriageSuggestion,
  decision: TriageDecision,
): { final: FinalTriage; overridden: TriageOverridableField[] } {
  const final: FinalTriage = {
    category: decision.category ?? suggestion.category,
    severity: decision.severity ?? suggestion.severity,
    grade: decision.grade ?? suggestion.grade,
    departmentId: decision.departmentId ?? suggestion.departmentId,
    possiblySystemic: decision.possiblySystemic ?? suggestion.possiblySystemic,
  };
  if (decision.assigneeId !== undefined) final.assigneeId = decision.assigneeId;
  const overridden = OVERRIDABLE_FIELDS.filter((field) => decision[field] !== undefined && decision[field] !== suggestion[field]);
  return { final, overridden };
}
