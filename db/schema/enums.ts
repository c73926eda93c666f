/**
 * Fixed value sets as PostgreSQL enum types, from the domain's own lists, so the database refuses a
 * value the code does not know and rows come out typed without casts.
 */
import { pgEnum } from 'drizzle-orm/pg-core';
import { LEGAL_REGIME_IDS } from '../../domain/legal-regimes/types';
import { CATEGORIES, CHANNELS, GRADES, OUTCOMES, ROLES, SEVERITIES, STAGES } from '../../domain/model';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATUSES, RECIPIENT_TYPES } from '../../domain/notification-kinds';
import { TIMELINE_EVENT_TYPES } from '../../domain/timeline';
import { PROBLEM_ORIGINS, PROBLEM_STATUSES } from '../../domain/problems';
import { AUDIT_ACTION_NAMES } from '../../domain/audit';
import { DATA_REQUEST_KIND_NAMES, DATA_REQUEST_STATUSES } from '../../domain/data-requests';
import { LEGAL_HOLD_REASON_NAMES } from '../../domain/retention';
import { ARTICLE_STATUSES, ARTICLE_USE_STAGES } from '../../domain/knowledge';
import { QUALITY_DISPUTE_DECISIONS, QUALITY_REVIEW_STATUSES } from '../../domain/quality-review';

export const channelEnum = pgEnum('complaint_channel', CHANNELS);
export const stageEnum = pgEnum('complaint_stage', STAGES);
export const categoryEnum = pgEnum('complaint_category', CATEGORIES);
export const severityEnum = pgEnum('complaint_severity', SEVERITIES);
export const gradeEnum = pgEnum('complaint_grade', GRADES);
export const outcomeEnum = pgEnum('complaint_outcome', OUTCOMES);
export const roleEnum = pgEnum('role', ROLES);
export const timelineEventTypeEnum = pgEnum('timeline_event_type', TIMELINE_EVENT_TYPES);
export const notificationKindEnum = pgEnum('notification_kind', NOTIFICATION_KINDS);
export const notificationChannelEnum = pgEnum('notification_channel', NOTIFICATION_CHANNELS);
export const notificationStatusEnum = pgEnum('notification_status', NOTIFICATION_STATUSES);
export const recipientTypeEnum = pgEnum('recipient_type', RECIPIENT_TYPES);
export const problemStatusEnum = pgEnum('problem_status', PROBLEM_STATUSES);
export const problemOriginEnum = pgEnum('problem_origin', PROBLEM_ORIGINS);
export const legalRegimeEnum = pgEnum('legal_regime', LEGAL_REGIME_IDS);
export const auditActionEnum = pgEnum('audit_action', AUDIT_ACTION_NAMES);
export const legalHoldReasonEnum = pgEnum('legal_hold_reason', LEGAL_HOLD_REASON_NAMES);
export const dataRequestKindEnum = pgEnum('data_request_kind', DATA_REQUEST_KIND_NAMES);
export const dataRequestStatusEnum = pgEnum('data_request_status', DATA_REQUEST_STATUSES);
export const articleStatusEnum = pgEnum('article_status', ARTICLE_STATUSES);
export const articleUseStageEnum = pgEnum('article_use_stage', ARTICLE_USE_STAGES);
export const qualityReviewStatusEnum = pgEnum('quality_review_status', QUALITY_REVIEW_STATUSES);
export const qualityDisputeDecisionEnum = pgEnum('quality_dispute_decision', QUALITY_DISPUTE_DECISIONS);
