/**
 * The values behind a response's validity in the 数据质量 drawer, from
 * GET …/responses/{responseId}/validity (services/results/response-validity.ts): for too_fast
 * the duration against the channel's minimum, for incomplete which required items of which
 * agency are missing, for duplicate the earlier response with the same respondent key and when
 * it came, for straightline how many ratings and their one value.
 */
import { Alert, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ValidityExplanation } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n, type Translate } from '../i18n/i18n';

/** Loads the explanation of one response (none while the drawer is closed). */
export function useValidityExplanation(assessment: string, responseId: string | null) {
  const [state, setState] = useState<{ id: string; data?: ValidityExplanation; error?: unknown }>();
  useEffect(() => {
    if (responseId === null) return;
    let live = true;
    setState({ id: responseId });
    api.responseValidity(assessment, responseId).then(
      (data) => live && setState({ id: responseId, data }),
      (error: unknown) => live && setState({ id: responseId, error }),
    );
    return () => {
      live = false;
    };
  }, [assessment, responseId]);
  return state && state.id === responseId ? state : undefined;
}

const channelOf = (t: Translate, c: string) =>
  c === 'phone' || c === 'intercept' || c === 'online' || c === 'peer' ? t(`quality.channel.${c}`) : c;

function lines(t: Translate, date: (iso: string | null) => string, reason: string, e: ValidityExplanation) {
  const none = t('quality.explain.none');
  switch (reason) {
    case 'too_fast': {
      const { durationS, minimumS } = e.tooFast;
      const channel = channelOf(t, e.channel);
      if (durationS === null) return [t('quality.explain.noDuration')];
      return [
        minimumS === null
          ? t('quality.explain.noMinimum', { d: durationS, channel })
          : t('quality.explain.duration', { d: durationS, channel, min: minimumS }),
      ];
    }
    case 'incomplete': {
      const { required, targets } = e.incomplete;
      return [
        t('quality.explain.required', { items: required.join('、') || none }),
        ...(targets.length
          ? targets.map((x) =>
              t('quality.explain.missing', {
                unit: x.unit === null ? t('quality.explain.firm') : `${x.unitName ?? x.unit}（${x.unit}）`,
                items: x.missing.join('、'),
              }),
            )
          : [t('quality.explain.allAnswered')]),
      ];
    }
    case 'duplicate': {
      const d = e.duplicate;
      if (d.sharing === 0) return [t('quality.explain.noKey')];
      return [
        d.firstResponseId === null
          ? t('quality.explain.first')
          : t('quality.explain.duplicate', {
              id: d.firstResponseId,
              at: d.firstSubmittedAt ? date(d.firstSubmittedAt) : t('quality.explain.unknownTime'),
            }),
        t('quality.explain.sharing', { n: d.sharing }),
      ];
    }
    case 'straightline': {
      const s = e.straightline;
      if (s.minItems === 0) return [t('quality.explain.noStraightCheck')];
      return [
        s.triggered && s.value !== null
          ? t('quality.explain.straight', { n: s.ratings, value: s.value, min: s.minItems })
          : t('quality.explain.notStraight', { n: s.ratings, min: s.minItems }),
        ...(s.invalidating ? [] : [t('quality.explain.flagOnly')]),
      ];
    }
    default:
      return [];
  }
}

/** The values of one reason's rule for this response. */
export function ReasonValues(props: { reason: string; state: ReturnType<typeof useValidityExplanation> }) {
  const { t, date } = useI18n();
  const { state } = props;
  if (!state || (!state.data && !state.error))
    return <Spin size="small" description={t('quality.explain.loading')} />;
  if (!state.data) return null;
  return (
    <ul data-testid={`validity-values-${props.reason}`} style={{ margin: 0, paddingInlineStart: 20 }}>
      {lines(t, date, props.reason, state.data).map((l) => (
        <li key={l}>
          <Typography.Text strong>{l}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** An error, or a note when the rules decide otherwise now than the snapshot did. */
export function ExplanationStatus(props: {
  snapshotReasons: readonly string[];
  state: ReturnType<typeof useValidityExplanation>;
  reasonName: (r: string) => string;
}) {
  const { t } = useI18n();
  const { state } = props;
  if (state?.error) return <ErrorAlert error={state.error} />;
  const e = state?.data;
  if (!e) return null;
  const same =
    e.reasons.length === props.snapshotReasons.length &&
    e.reasons.every((r) => props.snapshotReasons.includes(r));
  if (same) return <Typography.Text type="secondary">{t('quality.explain.basis')}</Typography.Text>;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('quality.explain.changed', {
        reasons: e.reasons.map(props.reasonName).join('、') || t('quality.explain.none'),
      })}
    />
  );
}
