/**
 * 持证人档案's timeline bar: file-timeline.ts's stretches, windows and markers drawn in SVG (no
 * canvas), with a legend and the same facts as a list of events and windows, so a screen reader
 * (and a test) reads what the picture shows.
 */
import { useId } from 'react';
import { Flex, Typography } from 'antd';
import type { PoliceFileStrings } from '../../i18n/police-file.zh-CN';
import type { Marker, MarkerKind, StretchKind, Timeline, WindowKind } from './file-timeline';

const W = 1000;
const H = 96;
const TRACK_Y = 30;
const TRACK_H = 18;

const STRETCH_FILL: Record<StretchKind, string> = {
  valid: '#52c41a',
  lapsed: '#bfbfbf',
  confiscated: '#ff4d4f',
};

const WINDOW_PATTERN: Record<WindowKind, 'open' | 'endorsed' | 'missed' | 'void'> = {
  endorsed: 'endorsed',
  open: 'open',
  upcoming: 'open',
  missed: 'missed',
  cut: 'void',
};

const MARKER_COLOR: Record<MarkerKind, string> = {
  issue: '#0958d9',
  endorse: '#1677ff',
  move: '#722ed1',
  replace: '#13a8a8',
  lapse: '#595959',
  confiscate: '#cf1322',
};

export function markerLabel(s: PoliceFileStrings, m: Marker): string {
  if (m.kind === 'replace') return m.detail === 'DAMAGED' ? s.markerreplaceDAMAGED : s.markerreplace;
  return s[`marker${m.kind}`];
}

function markerText(s: PoliceFileStrings, m: Marker): string {
  const label = markerLabel(s, m);
  if (m.kind === 'endorse' && m.detail) return `${m.date} ${label}：${s.endorseDetail(m.detail)}`;
  if (m.kind === 'move' && m.detail)
    return `${m.date} ${label}：${s.moveDetail(m.detail, m.changeRegistration === true)}`;
  if (m.kind === 'confiscate' && m.detail) return `${m.date} ${label}：${m.detail}`;
  return `${m.date} ${label}`;
}

function Swatch({ fill, line, p }: { fill?: string; line?: boolean; p: string }) {
  return (
    <svg width="28" height="14" aria-hidden="true" focusable="false">
      <Patterns p={p} />
      {line ? (
        <line x1="14" y1="0" x2="14" y2="14" stroke="#000" strokeWidth="2" strokeDasharray="3 2" />
      ) : (
        <rect x="0" y="1" width="28" height="12" fill={fill} stroke="#8c8c8c" strokeWidth="0.5" />
      )}
    </svg>
  );
}

function Patterns({ p }: { p: string }) {
  return (
    <defs>
      <pattern
        id={`${p}-open`}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="8" height="8" fill="#fff7e6" />
        <rect width="4" height="8" fill="#faad14" />
      </pattern>
      <pattern
        id={`${p}-endorsed`}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="8" height="8" fill="#e6f4ff" />
        <rect width="3" height="8" fill="#69b1ff" />
      </pattern>
      <pattern
        id={`${p}-missed`}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(-45)"
      >
        <rect width="8" height="8" fill="#fff1f0" />
        <rect width="4" height="8" fill="#a8071a" />
      </pattern>
      <pattern
        id={`${p}-void`}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="8" height="8" fill="#f5f5f5" />
        <rect width="2" height="8" fill="#8c8c8c" />
      </pattern>
    </defs>
  );
}

export function TimelineBar({
  tl,
  s,
  statusLabel,
}: {
  tl: Timeline;
  s: PoliceFileStrings;
  /** the server's status, in words */
  statusLabel: string;
}) {
  const p = `tl${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const fillOf = (k: WindowKind) => `url(#${p}-${WINDOW_PATTERN[k]})`;
  const x = (at: number) => at * W;
  const summary = s.summary(statusLabel, tl.from, tl.to);
  // labels alternate between two rows below the track so neighbours overlap less
  return (
    <div data-testid="permit-timeline" aria-label={summary} role="group">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={summary}
        data-testid="permit-timeline-svg"
      >
        <title>{summary}</title>
        <Patterns p={p} />
        <rect x="0" y={TRACK_Y} width={W} height={TRACK_H} fill="#f5f5f5" />
        {tl.stretches.map((st) => (
          <rect
            key={`${st.kind}-${st.from}`}
            data-kind={st.kind}
            x={x(st.start)}
            y={TRACK_Y}
            width={Math.max(1, x(st.end) - x(st.start))}
            height={TRACK_H}
            fill={STRETCH_FILL[st.kind]}
          />
        ))}
        {tl.windows.map((w) => (
          <rect
            key={`w-${w.year}`}
            data-kind={`window-${w.kind}`}
            x={x(w.start)}
            y={TRACK_Y - 6}
            width={Math.max(2, x(w.end) - x(w.start))}
            height={TRACK_H + 12}
            fill={fillOf(w.kind)}
            stroke={w.kind === 'missed' ? '#a8071a' : w.kind === 'cut' ? '#8c8c8c' : '#d48806'}
            strokeWidth="1"
            opacity="0.9"
          />
        ))}
        {tl.markers.map((m, i) => {
          const mx = x(m.at);
          const labelY = i % 2 === 0 ? TRACK_Y + TRACK_H + 18 : TRACK_Y + TRACK_H + 34;
          return (
            <g key={`${m.kind}-${m.date}-${i}`} data-kind={m.kind}>
              <line
                x1={mx}
                y1={TRACK_Y - 10}
                x2={mx}
                y2={labelY - 12}
                stroke={MARKER_COLOR[m.kind]}
                strokeWidth="2"
              />
              <circle cx={mx} cy={TRACK_Y - 12} r="4" fill={MARKER_COLOR[m.kind]} />
              <text
                x={mx}
                y={labelY}
                fontSize="12"
                textAnchor={m.at > 0.92 ? 'end' : m.at < 0.05 ? 'start' : 'middle'}
                fill={MARKER_COLOR[m.kind]}
              >
                {markerLabel(s, m)}
              </text>
            </g>
          );
        })}
        {tl.today.at !== null && (
          <g data-kind="today">
            <line
              x1={x(tl.today.at)}
              y1="4"
              x2={x(tl.today.at)}
              y2={H - 16}
              stroke="#000"
              strokeWidth="2"
              strokeDasharray="4 3"
            />
            <text
              x={x(tl.today.at) + (tl.today.at > 0.9 ? -4 : 4)}
              y="12"
              fontSize="12"
              textAnchor={tl.today.at > 0.9 ? 'end' : 'start'}
            >
              {s.legendToday} {tl.today.date}
            </text>
          </g>
        )}
        <text x="0" y={H - 2} fontSize="11" fill="#595959">
          {tl.from}
        </text>
        <text x={W} y={H - 2} fontSize="11" fill="#595959" textAnchor="end">
          {tl.to}
        </text>
      </svg>
      <Flex wrap gap="small" align="center" aria-label={s.legend} data-testid="permit-timeline-legend">
        <Typography.Text type="secondary">{s.legend}：</Typography.Text>
        <span>
          <Swatch p={`${p}v`} fill={STRETCH_FILL.valid} /> {s.legendValid}
        </span>
        <span>
          <Swatch p={`${p}l`} fill={STRETCH_FILL.lapsed} /> {s.legendLapsed}
        </span>
        <span>
          <Swatch p={`${p}c`} fill={STRETCH_FILL.confiscated} /> {s.legendConfiscated}
        </span>
        <span>
          <Swatch p={`${p}s`} fill={`url(#${p}s-open)`} /> {s.legendWindowOpen}
        </span>
        <span>
          <Swatch p={`${p}e`} fill={`url(#${p}e-endorsed)`} /> {s.legendWindowEndorsed}
        </span>
        <span>
          <Swatch p={`${p}m`} fill={`url(#${p}m-missed)`} /> {s.legendWindowMissed}
        </span>
        <span>
          <Swatch p={`${p}t`} line /> {s.legendToday}
        </span>
      </Flex>
      <Typography.Text strong>{s.eventsTitle}</Typography.Text>
      <ol data-testid="permit-timeline-events" style={{ margin: '4px 0', paddingLeft: 24 }}>
        {tl.markers.map((m, i) => (
          <li key={`${m.kind}-${m.date}-${i}`} data-kind={m.kind} data-date={m.date}>
            {markerText(s, m)}
          </li>
        ))}
        {tl.windows.map((w) => (
          <li key={`w-${w.year}`} data-kind={`window-${w.kind}`} data-date={w.from}>
            {s.windowText(w.year, w.from, w.to, s[`windowKind${w.kind}`])}
            {w.provisional && `（${s.provisional}）`}
          </li>
        ))}
        <li data-kind="today" data-date={tl.today.date}>
          {s.todayText(tl.today.date)}
        </li>
      </ol>
    </div>
  );
}
