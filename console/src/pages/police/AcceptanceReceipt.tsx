/**
 * 受理回执: the A4 receipt of one accepted application, as the clerk prints it: the office, the
 * applicant's name and full ID number (public security's own file), 受理日期, 发证期限 (Art. 11, with
 * the note when provisional), the articles the acceptance rests on, and lines for the signatures and
 * the seal. The application comes from 申领受理 through sessionStorage (never in the URL); opened
 * without one, the page says so.
 */
import { useState } from 'react';
import { Button, Result } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { citationText } from '../../fields';
import { storedReceipt, useIntake } from './intake-shared';
import './acceptance-receipt.css';

export function AcceptanceReceipt() {
  const { t, s, locale } = useIntake();
  const navigate = useNavigate();
  const [r] = useState(storedReceipt);
  const [printedAt] = useState(() =>
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(new Date()),
  );

  if (!r || r.status === 'REFUSED' || !r.issueDeadline)
    return (
      <Result
        status="info"
        data-testid="acceptance-receipt-none"
        title={r ? s.receiptNotAccepted : s.receiptNone}
        extra={
          <Button type="primary" onClick={() => void navigate('/apply')} icon={<ArrowLeftOutlined />}>
            {s.receiptToApply}
          </Button>
        }
      />
    );

  // each article once, in the order the conditions cite them
  const seen = new Set<string>();
  const citations = r.citations.filter((c) => {
    const k = citationText(c, locale);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  return (
    <>
      <div className="receipt-tools no-print">
        <Button onClick={() => void navigate('/apply')} icon={<ArrowLeftOutlined />}>
          {t.receiptBack}
        </Button>
        <Button type="primary" onClick={() => window.print()} icon={<PrinterOutlined />}>
          {t.receiptPrint}
        </Button>
      </div>
      <article className="receipt-page acceptance-receipt" data-testid="acceptance-receipt">
        <h1>{s.receiptTitle}</h1>
        <div className="receipt-verdict">{s.accepted}</div>
        <table className="receipt-table">
          <tbody>
            <tr>
              <th scope="row">{s.receiptOffice}</th>
              <td>{r.office}</td>
            </tr>
            <tr>
              <th scope="row">{s.applicationId}</th>
              <td>{r.applicationId}</td>
            </tr>
            <tr>
              <th scope="row">{s.receiptApplicant}</th>
              <td>{r.name}</td>
            </tr>
            <tr>
              <th scope="row">{s.receiptIdNumber}</th>
              <td>{r.citizenIdNumber}</td>
            </tr>
            <tr>
              <th scope="row">{s.receiptResidence}</th>
              <td>{r.residence}</td>
            </tr>
            <tr>
              <th scope="row">{s.appliedOn}</th>
              <td data-testid="receipt-applied-on">{r.appliedOn}</td>
            </tr>
            <tr>
              <th scope="row">{s.issueDeadline}</th>
              <td data-testid="receipt-deadline">
                <strong>{s.issueDeadlineText(r.issueDeadline)}</strong>
                {r.deadlineProvisional && <div className="acceptance-provisional">{s.provisional}</div>}
              </td>
            </tr>
          </tbody>
        </table>
        <div className="acceptance-articles" data-testid="receipt-articles">
          <strong>
            {s.receiptArticles}
            {t.colon}
          </strong>
          <p>{s.receiptArticlesText}</p>
          <ul>
            {citations.map((c) => (
              <li key={citationText(c, locale)}>
                {citationText(c, locale)}
                {t.colon}
                {c.textZh}
              </li>
            ))}
          </ul>
        </div>
        <p className="acceptance-note">{s.receiptNote}</p>
        <div className="acceptance-sign">
          <div>
            {s.receiptSignApplicant}
            <span />
          </div>
          <div>
            {s.receiptSignClerk}
            <span />
          </div>
          <div>
            {s.receiptSeal}
            <span />
          </div>
        </div>
        <p className="acceptance-note">
          {s.receiptDate}
          {t.colon}
          {r.appliedOn} · {t.receiptPrintedAt}
          {t.colon}
          {printedAt}
        </p>
      </article>
    </>
  );
}
