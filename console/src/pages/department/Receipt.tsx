/**
 * 打印回执: an A4 receipt of one decision, with the gateway's signed receipt (a JWS) as a QR code,
 * drawn on a canvas in the page (nothing fetched).
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Result } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useNavigate } from 'react-router';
import { citationText } from '../../fields';
import { useI18n } from '../../i18n';
import { statusText } from '../../decision/DecisionView';
import { receiptState } from '../../decision/receipt-link';

export function Receipt() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [state] = useState(receiptState);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [qrError, setQrError] = useState<string | null>(null);
  const [printedAt] = useState(() =>
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(new Date()),
  );

  useEffect(() => {
    if (!state || !canvas.current) return;
    QRCode.toCanvas(canvas.current, state.decision.receipt, {
      errorCorrectionLevel: 'L',
      margin: 1,
      width: 320,
    }).catch((e: unknown) => setQrError(String(e)));
  }, [state]);

  if (!state)
    return (
      <Result
        status="info"
        title={t.receiptNone}
        extra={
          <Button onClick={() => void navigate('/')} icon={<ArrowLeftOutlined />}>
            {t.receiptBack}
          </Button>
        }
      />
    );
  const { decision: d, entitlementName } = state;
  const p = d.permit;
  return (
    <>
      <div className="receipt-tools no-print">
        <Button onClick={() => void navigate(-1)} icon={<ArrowLeftOutlined />}>
          {t.receiptBack}
        </Button>
        <Button type="primary" onClick={() => window.print()} icon={<PrinterOutlined />}>
          {t.receiptPrint}
        </Button>
      </div>
      <article className="receipt-page" data-testid="receipt">
        <h1>{t.receiptTitle}</h1>
        <div style={{ textAlign: 'center' }}>{t.receiptIssuer}</div>
        <div className="receipt-verdict" data-testid="receipt-verdict">
          {d.eligible ? t.eligible : t.notEligible}
        </div>
        <table className="receipt-table">
          <tbody>
            <tr>
              <th scope="row">{t.entitlement}</th>
              <td>{entitlementName}</td>
            </tr>
            <tr>
              <th scope="row">{t.asOf}</th>
              <td>{d.asOf}</td>
            </tr>
            <tr>
              <th scope="row">{t.maskedId}</th>
              <td>{p?.maskedCitizenIdNumber ?? t.noPermit}</td>
            </tr>
            <tr>
              <th scope="row">{t.permitStatus}</th>
              <td>{p ? statusText(t, p.status) : '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t.validThrough}</th>
              <td>{p?.validThrough ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t.region}</th>
              <td>{p?.region.nameZh ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t.decisionId}</th>
              <td>{d.decisionId}</td>
            </tr>
            <tr>
              <th scope="row">{t.rulesVersion}</th>
              <td>{d.rulesVersion}</td>
            </tr>
          </tbody>
        </table>
        <table className="receipt-table">
          <thead>
            <tr>
              <th>{t.condition}</th>
              <th style={{ width: '12%' }}>{t.conditionResult}</th>
              <th>{t.conditionBasis}</th>
            </tr>
          </thead>
          <tbody>
            {d.reasons.map((r) => (
              <tr key={r.code}>
                <td>{locale === 'en' ? r.messageEn : r.messageZh}</td>
                <td>{r.passed ? t.passed : t.notPassed}</td>
                <td>
                  {citationText(r.citation, locale)}
                  <div style={{ fontSize: '9pt' }}>{r.citation.textZh}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="receipt-qr">
          <canvas ref={canvas} role="img" aria-label={t.receiptQr} data-testid="receipt-qr" />
          <div>
            <strong>{t.receiptQr}</strong>
            <p style={{ fontSize: '9pt' }}>{qrError ?? t.receiptQrHelp}</p>
            <p style={{ fontSize: '9pt' }}>
              {t.receiptPrintedAt}
              {t.colon}
              {printedAt}
            </p>
          </div>
        </div>
        <div className="receipt-sign">
          <span>
            {t.receiptSeal}
            {t.colon}
          </span>
          <span>
            {t.receiptStaff}
            {t.colon}
          </span>
        </div>
      </article>
    </>
  );
}
