import { Navigate, type RouteObject } from 'react-router';
import { AccountPage } from '../features/accounts/AccountPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { RegisterAccountPage } from '../features/accounts/RegisterAccountPage';
import { AuditPage } from '../features/audit/AuditPage';
import { RequestPage } from '../features/cosign/RequestPage';
import { HandoverPage } from '../features/handover/HandoverPage';
import { HistoryPage } from '../features/history/HistoryPage';
import { IncidentPage } from '../features/incidents/IncidentPage';
import { IncidentsPage } from '../features/incidents/IncidentsPage';
import { CompliancePage } from '../features/compliance/CompliancePage';
import { MonthlyReportPage } from '../features/reports/MonthlyReportPage';
import { KeyholdersPage } from '../features/keyholders/KeyholdersPage';
import { DecommissionPage } from '../features/lifecycle/DecommissionPage';
import { ModifyAccountPage } from '../features/lifecycle/ModifyAccountPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { BackupPage } from '../features/backup/BackupPage';
import { KitPage } from '../features/kit/KitPage';
import { ImportPage } from '../features/import/ImportPage';
import { PersonPage } from '../features/staff/PersonPage';
import { StaffPage } from '../features/staff/StaffPage';
import { NewStaffPage, PersonRecordPage } from '../features/staff/StaffRecordPage';
import { HomePage } from '../features/vault/HomePage';
import { Shell } from './Shell';

/**
 * Every screen has an address (app/paths.ts) and the history goes back through them. The shell
 * decides first whether the vault is unlocked: until it is, no route renders.
 */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/new', element: <RegisterAccountPage /> },
      { path: 'accounts/import', element: <ImportPage /> },
      { path: 'accounts/:accountId', element: <AccountPage /> },
      { path: 'accounts/:accountId/modify', element: <ModifyAccountPage /> },
      { path: 'accounts/:accountId/decommission', element: <DecommissionPage /> },
      { path: 'accounts/:accountId/:section', element: <AccountPage /> },
      { path: 'requests/:requestId', element: <RequestPage /> },
      { path: 'staff', element: <StaffPage /> },
      { path: 'staff/new', element: <NewStaffPage /> },
      { path: 'staff/:personId', element: <PersonPage /> },
      { path: 'staff/:personId/record', element: <PersonRecordPage /> },
      { path: 'keyholders', element: <KeyholdersPage /> },
      { path: 'handovers/:handoverId', element: <HandoverPage /> },
      { path: 'incidents', element: <IncidentsPage /> },
      { path: 'incidents/:incidentId', element: <IncidentPage /> },
      { path: 'compliance', element: <CompliancePage /> },
      { path: 'reports', element: <MonthlyReportPage /> },
      { path: 'history', element: <HistoryPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'backup', element: <BackupPage /> },
      { path: 'kit', element: <KitPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];
