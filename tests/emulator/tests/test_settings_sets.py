"""The settings singletons, the backup settings' functions and actions, backups and the licence status."""

import datetime

import requests


def test_a_settings_section_is_a_singleton_with_get_and_patch(client):
    e164 = client.get('E164Settings').json()
    assert (e164['CountryCode'], e164['AreaCode'], e164['CountryName']) == ('49', '30', 'Germany')
    assert client.patch('E164Settings', {'AreaCode': '89'}).status_code == 204
    assert client.get('E164Settings').json()['AreaCode'] == '89'
    assert client.post('E164Settings', {}).status_code == 405
    refused = client.patch('AntiHackingSettings', {'HackBlacklistDuration': 'a day'})
    assert refused.status_code == 400
    assert client.get('NetworkSettings').status_code == 200 and client.get('ConsoleRestrictions').status_code == 200


def test_a_concealed_password_is_stored_and_read_back_concealed(client):
    assert client.get('MailSettings').json()['MailPassword'] == {'Concealed': False, 'Value': None}
    assert client.patch('MailSettings', {'MailPassword': {'Value': 'smtp-secret'}}).status_code == 204
    assert client.get('MailSettings').json()['MailPassword'] == {'Concealed': True, 'Value': None}
    assert 'smtp-secret' not in client.get('MailSettings').text


def test_backup_settings_are_read_by_a_function_and_written_by_an_action(client):
    held = client.get('Backups/Pbx.GetBackupSettings()').json()
    assert held['Schedule']['ScheduleType'] == 'Daily' and held['Contents']['EncryptBackupPassword'] == {'Concealed': False, 'Value': None}
    body = {'settings': {'Rotation': 9, 'Contents': {'EncryptBackup': True, 'EncryptBackupPassword': {'Value': 'zip-secret'}}}}
    assert client.post('Backups/Pbx.SetBackupSettings', body).status_code == 204
    after = client.get('Backups/Pbx.GetBackupSettings()').json()
    assert after['Rotation'] == 9 and after['Contents']['EncryptBackupPassword'] == {'Concealed': True, 'Value': None}
    assert after['Contents']['Prompts'] is True and after['Schedule'] == held['Schedule']  # what the body leaves out stays
    assert client.post('Backups/Pbx.SetBackupSettings', {'settings': {'Rotation': 'many'}}).status_code == 400
    location = client.get('Backups/Pbx.GetBackupRepositorySettings()').json()['Location']
    assert location['FileSystemType'] == 'Local'
    assert client.post('Backups/Pbx.SetBackupRepositorySettings', {'settings': {'Location': {'FileSystemType': 'Ftp'}}}).status_code == 204
    assert client.get('Backups/Pbx.GetBackupRepositorySettings()').json()['Location']['FileSystemType'] == 'Ftp'


def test_the_backup_action_makes_a_file_listed_with_its_size_and_served_at_its_download_link(client, emulator):
    before = client.get('Backups').json()['value']
    assert len(before) == 1 and before[0]['FileName'].startswith('3CXScheduledBackup-')
    assert client.post('Backups', {}).status_code == 405  # FACTS.md: a backup is made with Pbx.Backup
    assert client.post('Backups/Pbx.Backup', {'description': {'Name': 'nightly', 'Contents': {'CallHistory': True}}}).status_code == 204
    made = [b for b in client.get('Backups').json()['value'] if b['FileName'].startswith('nightly-')]
    assert len(made) == 1 and made[0]['DownloadLink'] == '/backups/' + made[0]['FileName']
    url = emulator.url + made[0]['DownloadLink']
    assert requests.get(url, timeout=10, verify=emulator.ca_file or True).status_code == 401
    content = requests.get(url, headers={'Authorization': 'Bearer ' + client.token}, timeout=10, verify=emulator.ca_file or True)
    assert content.status_code == 200 and len(content.content) == made[0]['Size']
    assert client.delete("Backups('%s')" % made[0]['FileName']).status_code == 204
    assert requests.get(url, headers={'Authorization': 'Bearer ' + client.token}, timeout=10,
                        verify=emulator.ca_file or True).status_code == 404


def test_the_licence_status_has_expiry_and_maintenance_dates(client):
    status = client.get('LicenseStatus').json()
    expires = datetime.datetime.strptime(status['ExpirationDate'], '%Y-%m-%dT%H:%M:%SZ')
    maintenance = datetime.datetime.strptime(status['MaintenanceExpiresAt'], '%Y-%m-%dT%H:%M:%SZ')
    assert expires > maintenance > datetime.datetime.utcnow()
    assert status['MaxSimCalls'] == 8 and status['LicenseKey']
    assert client.patch('LicenseStatus', {'MaxSimCalls': 1}).status_code == 405


def test_the_blocklist_is_a_set_with_a_bulk_delete(client):
    response = client.post('Blocklist', {'IPAddrMask': '198.51.100.0/24', 'BlockType': 'Allow', 'Description': 'office'})
    assert response.status_code == 201, response.text
    entry = response.json()
    assert (entry['BlockType'], entry['AddedBy'], entry['ExpiresAt']) == ('Allow', 'Manual', None)
    assert client.patch('Blocklist(%d)' % entry['Id'], {'BlockType': 'Block'}).status_code == 204
    assert client.get('Blocklist(%d)' % entry['Id']).json()['BlockType'] == 'Block'
    assert client.patch('Blocklist(%d)' % entry['Id'], {'BlockType': 'Maybe'}).status_code == 400
    assert client.post('Blocklist/Pbx.BulkIpsDelete', {'ids': [entry['Id']]}).status_code == 204
    assert client.get('Blocklist').json()['value'] == []
