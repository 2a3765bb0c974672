import { parseDate, today, type CalendarDate } from '@internationalized/date';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
  Text,
} from 'react-aria-components';
import { localeOf } from './format';

const parsed = (value: string): CalendarDate | null => {
  try {
    return value ? parseDate(value) : null;
  } catch {
    return null;
  }
};

/**
 * A calendar day (YYYY-MM-DD, or '' for none) typed segment by segment or picked from a calendar:
 * React Aria's DatePicker, in the interface's language and with "today" as the institution's time
 * zone has it. Keyboard: the segments take digits and arrows; Alt+↓ opens the calendar.
 */
export function DateField({
  label,
  value,
  onChange,
  timeZone,
  hint,
  invalid = false,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  timeZone: string;
  hint?: string;
  invalid?: boolean;
  name?: string;
}) {
  const { t, i18n } = useTranslation();
  const date = parsed(value);
  return (
    <I18nProvider locale={localeOf(i18n.language)}>
      <DatePicker<CalendarDate>
        className="field date-field"
        value={date}
        onChange={(next) => onChange(next ? next.toString() : '')}
        granularity="day"
        placeholderValue={today(timeZone)}
        isInvalid={invalid}
        {...(name ? { name } : {})}
      >
        <Label>{label}</Label>
        <Group className="control date-group">
          <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
          <Button className="date-button">▾</Button>
          {date ? (
            <Button className="date-button" aria-label={t('dates.clear', { label })} onPress={() => onChange('')}>
              ×
            </Button>
          ) : null}
        </Group>
        {hint ? <Text slot="description">{hint}</Text> : null}
        <Popover className="date-popover">
          <Dialog className="date-dialog" aria-label={label}>
            <Calendar<CalendarDate> className="calendar">
              <header className="calendar-header">
                <Button slot="previous">‹</Button>
                <Heading />
                <Button slot="next">›</Button>
              </header>
              <CalendarGrid className="calendar-grid">{(day) => <CalendarCell date={day} className="calendar-cell" />}</CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
